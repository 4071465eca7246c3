package io.animalhospital.lookup.domain;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.animalhospital.lookup.domain.ClinicException.Reason;
import io.animalhospital.platform.security.Caller;
import io.smallrye.mutiny.Uni;

/**
 * Rebuilds the view from scratch by replaying the topics: empties the view and the applied events, then moves
 * this service's running consumers back to the beginning of every partition they hold. The replay goes through
 * the ordinary consumers, so it applies events exactly as live consumption does.
 * <p>
 * Why this order is safe: the view is a function of the set of events, not of their order
 * ({@link StatusPrecedence}). An event applied between emptying and rewinding (live traffic, or records the
 * consumer had already fetched) stays applied, and its replayed copy is then skipped as a duplicate; an event
 * committed before is wiped and comes back with the replay. The committed consumer offsets stay where they were,
 * so a restart in the middle of a rebuild resumes live consumption, not the replay: run the rebuild again then.
 * <p>
 * The replay covers only the partitions this replica holds, so it refuses to run unless this replica holds all
 * of them (one replica, see the README); otherwise the other replicas' partitions would stay empty.
 */
@ApplicationScoped
public class ViewRebuild {

    private static final Logger LOG = Logger.getLogger(ViewRebuild.class);

    private final EventReplay replay;
    private final ReservationStatusProjection projection;
    private final ViewSettings settings;
    private final AtomicBoolean starting = new AtomicBoolean();

    public ViewRebuild(EventReplay replay, ReservationStatusProjection projection, ViewSettings settings) {
        this.replay = replay;
        this.projection = projection;
        this.settings = settings;
    }

    /** What a started rebuild replays (partitions per topic), and who started it. */
    public record Started(Instant startedAt, StartedBy startedBy, Map<String, Integer> partitions) {
    }

    /** The admin who asked: the token's subject and name. */
    public record StartedBy(String subject, String name) {
    }

    /** Only for admins: the endpoint's role check says so; the caller is recorded with the rebuild. */
    public Uni<Started> start(Caller caller) {
        if (!settings.rebuild().enabled()) {
            return Uni.createFrom().failure(new ClinicException(Reason.REBUILD_DISABLED,
                    "hospital.lookup.rebuild.enabled is false"));
        }
        if (!starting.compareAndSet(false, true)) {
            return Uni.createFrom().failure(new ClinicException(Reason.REBUILD_ALREADY_STARTING,
                    "Another rebuild request is being set up; try again in a moment"));
        }
        Instant startedAt = Instant.now();
        return replay.partitionsHeld()
                .call(projection::empty)
                .call(replay::rewind)
                .map(partitions -> {
                    // The subject only: a name is personal data the log does not need.
                    LOG.infof("View rebuild started by %s: view emptied, replaying %s", caller.subject(), partitions);
                    return new Started(startedAt, new StartedBy(caller.subject(), caller.name()), partitions);
                })
                .onTermination().invoke(() -> starting.set(false));
    }
}
