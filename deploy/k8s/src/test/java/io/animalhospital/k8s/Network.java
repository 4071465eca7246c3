package io.animalhospital.k8s;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes NetworkPolicy semantics, enough to decide whether one pod may open a connection to another:
 * a pod selected by any policy of a direction is isolated in that direction and then only what some rule of
 * such a policy admits gets through; traffic needs both the sender's egress and the receiver's ingress.
 */
final class Network {

    record Pod(String name, String namespace, Map<String, String> labels) {
    }

    /** Ingress rules a pod's own software enforces in place of NetworkPolicy (Strimzi's listener peers). */
    interface IngressGuard {
        /** null when it does not govern this pod and port. */
        Boolean admits(Pod from, Pod to, int port);
    }

    private final List<NetworkPolicy> policies;
    private final List<IngressGuard> guards;

    Network(List<NetworkPolicy> policies, List<IngressGuard> guards) {
        this.policies = policies;
        this.guards = guards;
    }

    boolean allows(Pod from, Pod to, int port, String protocol) {
        return egressAllows(from, to, port, protocol) && ingressAllows(from, to, port, protocol);
    }

    private boolean egressAllows(Pod from, Pod to, int port, String protocol) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(policy -> policy.getMetadata().getNamespace().equals(from.namespace()))
                .filter(policy -> types(policy).contains("Egress"))
                .filter(policy -> matches(policy.getSpec().getPodSelector(), from.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().anyMatch(policy -> policy.getSpec().getEgress().stream().anyMatch(rule ->
                peersMatch(rule.getTo(), policy.getMetadata().getNamespace(), to) && portsMatch(rule.getPorts(), port, protocol)));
    }

    private boolean ingressAllows(Pod from, Pod to, int port, String protocol) {
        for (IngressGuard guard : guards) {
            Boolean verdict = guard.admits(from, to, port);
            if (verdict != null) {
                return verdict;
            }
        }
        List<NetworkPolicy> selecting = policies.stream()
                .filter(policy -> policy.getMetadata().getNamespace().equals(to.namespace()))
                .filter(policy -> types(policy).contains("Ingress"))
                .filter(policy -> matches(policy.getSpec().getPodSelector(), to.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().anyMatch(policy -> policy.getSpec().getIngress().stream().anyMatch(rule ->
                peersMatch(rule.getFrom(), policy.getMetadata().getNamespace(), from) && portsMatch(rule.getPorts(), port, protocol)));
    }

    private static List<String> types(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        // Unset: Ingress always, Egress only when egress rules are present.
        boolean egress = policy.getSpec().getEgress() != null && !policy.getSpec().getEgress().isEmpty();
        return egress ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    /** An empty or missing peer list admits everyone. */
    static boolean peersMatch(List<NetworkPolicyPeer> peers, String policyNamespace, Pod pod) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> peerMatches(peer, policyNamespace, pod));
    }

    static boolean peerMatches(NetworkPolicyPeer peer, String policyNamespace, Pod pod) {
        if (peer.getIpBlock() != null) {
            throw new AssertionError("ipBlock peers are not modelled by this test; extend Network before using them");
        }
        boolean namespaceOk = peer.getNamespaceSelector() == null
                ? pod.namespace().equals(policyNamespace)
                : matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", pod.namespace()));
        boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), pod.labels());
        return namespaceOk && podOk;
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, int port, String protocol) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(rule -> {
            String ruleProtocol = rule.getProtocol() == null ? "TCP" : rule.getProtocol();
            if (!ruleProtocol.equals(protocol)) {
                return false;
            }
            IntOrString rulePort = rule.getPort();
            if (rulePort == null) {
                return true;
            }
            if (rulePort.getIntVal() == null) {
                throw new AssertionError("named port " + rulePort.getStrVal() + " in a NetworkPolicy: use the number");
            }
            int from = rulePort.getIntVal();
            int to = rule.getEndPort() == null ? from : rule.getEndPort();
            return port >= from && port <= to;
        });
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> label : selector.getMatchLabels().entrySet()) {
                if (!Objects.equals(labels.get(label.getKey()), label.getValue())) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                String value = labels.get(requirement.getKey());
                boolean ok = switch (requirement.getOperator()) {
                    case "In" -> value != null && requirement.getValues().contains(value);
                    case "NotIn" -> value == null || !requirement.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown selector operator " + requirement.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
