package io.moments.decide;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * The policy/v1 JSON Schema ({@code contracts/policy.v1.schema.json}, which refers to
 * {@code contracts/pattern.v1.schema.json} for its patterns), and its verdict on a document as
 * problems that name their path, worded like the job's own checks: {@code holdoutPercent must be an
 * integer within 0..100}, {@code unknown field interventons}, {@code rules[2].id is required}.
 * Where the schema gives a {@code message} for a keyword, that is the wording.
 */
final class PolicySchema {

    static final String LOCATION = "https://moments.example/contracts/policy.v1.schema.json";
    private static final String CONTRACTS = "https://moments.example/contracts/";

    /** One schema problem: where (a JSON pointer, {@code ""} for the document) and the sentence reported. */
    record Problem(String pointer, String text) {

        /** Whether it is about {@code pointer} itself or something inside it. */
        boolean within(String section) {
            return pointer.equals(section) || pointer.startsWith(section + "/");
        }
    }

    private PolicySchema() {}

    /** Every problem the schema finds, in the validator's (deterministic) order. */
    static List<Problem> check(JsonNode policy) {
        List<Problem> problems = new ArrayList<>();
        for (ValidationMessage m : Holder.SCHEMA.validate(policy)) {
            String pointer = m.getInstanceLocation().toString();
            problems.add(new Problem(pointer, describe(m.getType(), pointer, m.getProperty(), m.getError())));
        }
        return problems;
    }

    /** The sentence for one message: the path in dots, then what is wrong. */
    static String describe(String keyword, String pointer, String property, String error) {
        String path = dotted(pointer);
        if (keyword.equals("additionalProperties") && property != null) {
            return "unknown field " + join(path, property);
        }
        if (keyword.equals("required") && property != null) {
            String where = join(path, property);
            return error.startsWith("required property") ? where + " is required" : where + " " + error;
        }
        String where = path.isEmpty() ? "policy" : path;
        return where + (error.startsWith("must ") || error.startsWith("is ") ? " " : ": ") + error;
    }

    /** {@code /rules/2/interventions} → {@code rules[2].interventions}. */
    static String dotted(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String token : pointer.split("/")) {
            if (token.isEmpty()) {
                continue;
            }
            String name = token.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(name);
            }
        }
        return out.toString();
    }

    private static String join(String path, String property) {
        return path.isEmpty() ? property : path + "." + property;
    }

    /** Loaded once, on first use: the schema and the pattern schema it refers to come from the classpath. */
    private static final class Holder {
        static final JsonSchema SCHEMA = load();

        private static JsonSchema load() {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    b -> b.schemaMappers(m -> m.mapPrefix(CONTRACTS, "classpath:contracts/")));
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .errorMessageKeyword("message")
                    .build();
            JsonSchema schema = factory.getSchema(SchemaLocation.of(LOCATION), config);
            schema.initializeValidators();
            return schema;
        }
    }
}
