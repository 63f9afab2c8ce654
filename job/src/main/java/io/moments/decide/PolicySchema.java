package io.moments.decide;

import com.fasterxml.jackson.databind.JsonNode;
import io.moments.config.ContractSchema;

import java.util.List;

/**
 * The policy/v1 JSON Schema ({@code contracts/policy.v1.schema.json}, which refers to
 * {@code contracts/pattern.v1.schema.json} for its patterns). Its problems name their path, worded
 * like the job's own checks: {@code holdoutPercent must be an integer within 0..100},
 * {@code unknown field interventons}, {@code rules[2].id is required}.
 */
final class PolicySchema {

    static final String LOCATION = ContractSchema.CONTRACTS + "policy.v1.schema.json";

    private PolicySchema() {}

    /** Every problem the schema finds, in the validator's (deterministic) order. */
    static List<ContractSchema.Problem> check(JsonNode policy) {
        return Holder.SCHEMA.check(policy);
    }

    /** Loaded once, on first use. */
    private static final class Holder {
        static final ContractSchema SCHEMA = ContractSchema.load("policy.v1.schema.json", "policy");
    }
}
