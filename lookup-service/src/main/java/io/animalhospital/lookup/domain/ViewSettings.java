package io.animalhospital.lookup.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "hospital.lookup")
public interface ViewSettings {

    Rebuild rebuild();

    interface Rebuild {

        /** The admin endpoint that rebuilds the view from the topics; an operator may switch it off. */
        @WithDefault("true")
        boolean enabled();
    }
}
