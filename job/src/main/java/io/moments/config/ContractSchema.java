package io.moments.config;

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
 * One of the published JSON Schemas of {@code contracts/} (networknt, draft 2020-12, loaded from the
 * classpath, so a schema's {@code $ref} to another contract resolves offline), and its verdict on a
 * document as one sentence per problem that names the field in dots:
 * {@code labels.hesitation: must have a maximum value of 1}, {@code unknown field labls},
 * {@code rules[2].id is required}. Where the schema gives a {@code message} for a keyword, that is the wording.
 */
public final class ContractSchema {

    /** The {@code $id} prefix of every contract. */
    public static final String CONTRACTS = "https://moments.example/contracts/";

    /** One problem: where (a JSON pointer, {@code ""} for the document) and the sentence reported. */
    public record Problem(String pointer, String text) {

        /** Whether it is about {@code section} itself or something inside it. */
        public boolean within(String section) {
            return pointer.equals(section) || pointer.startsWith(section + "/");
        }
    }

    private final JsonSchema schema;
    private final String documentName;

    private ContractSchema(JsonSchema schema, String documentName) {
        this.schema = schema;
        this.documentName = documentName;
    }

    /**
     * The schema of a file under {@code contracts/}, e.g. {@code rating.v1.schema.json}; a problem with the
     * whole document is worded with {@code documentName} ({@code the rating must be an object}).
     */
    public static ContractSchema load(String file, String documentName) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(CONTRACTS, "classpath:contracts/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .errorMessageKeyword("message")
                .build();
        JsonSchema schema = factory.getSchema(SchemaLocation.of(CONTRACTS + file), config);
        schema.initializeValidators();
        return new ContractSchema(schema, documentName);
    }

    /** Every problem with {@code document}, in the validator's (deterministic) order; empty when it is valid. */
    public List<Problem> check(JsonNode document) {
        List<Problem> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(document)) {
            String pointer = m.getInstanceLocation().toString();
            problems.add(new Problem(pointer, describe(m.getType(), dotted(pointer), m.getProperty(), m.getError())));
        }
        return problems;
    }

    /** The sentences of {@link #check}. */
    public List<String> problems(JsonNode document) {
        return check(document).stream().map(Problem::text).toList();
    }

    private String describe(String keyword, String path, String property, String error) {
        if (keyword.equals("additionalProperties") && property != null) {
            return "unknown field " + join(path, property);
        }
        if (keyword.equals("required") && property != null) {
            String where = join(path, property);
            // a schema's own message for `required` replaces the validator's "required property ..."
            return error.startsWith("required property") ? where + " is required" : where + " " + error;
        }
        String where = path.isEmpty() ? documentName : path;
        return where + (error.startsWith("must ") || error.startsWith("is ") ? " " : ": ") + error;
    }

    /** {@code /rules/2/interventions} → {@code rules[2].interventions}. */
    public static String dotted(String pointer) {
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
}
