package io.moments.decide;

/**
 * What became of one policy from the policy topic, for the audit trail: accepted (with its version) or
 * rejected (with every problem). The sink writes it as an audit/v1 line.
 */
public record PolicyChange(String policyVersion, String outcome, String problems, long at) {

    public static PolicyChange accepted(String version, long at) {
        return new PolicyChange(version, "accepted", "", at);
    }

    public static PolicyChange rejected(String problems, long at) {
        return new PolicyChange(null, "rejected", problems, at);
    }
}
