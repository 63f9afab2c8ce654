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
 * classpath), and its verdict on a document as one sentence per problem that names the field in dots:
 * {@code labels.hesitation: must have a maximum value of 1}, {@code unknown field labls}.
 */
public final class ContractSchema {

    private static final String CONTRACTS = "https://moments.example/contracts/";

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
                .build();
        JsonSchema schema = factory.getSchema(SchemaLocation.of(CONTRACTS + file), config);
        schema.initializeValidators();
        return new ContractSchema(schema, documentName);
    }

    /** Every problem with {@code document}, in the validator's (deterministic) order; empty when it is valid. */
    public List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(document)) {
            problems.add(describe(m.getType(), dotted(m.getInstanceLocation().toString()), m.getProperty(),
                    m.getError()));
        }
        return problems;
    }

    private String describe(String keyword, String path, String property, String error) {
        if (keyword.equals("additionalProperties") && property != null) {
            return "unknown field " + join(path, property);
        }
        if (keyword.equals("required") && property != null) {
            return join(path, property) + " is required";
        }
        String where = path.isEmpty() ? documentName : path;
        return where + (error.startsWith("must ") || error.startsWith("is ") ? " " : ": ") + error;
    }

    /** {@code /labels/hesitation} → {@code labels.hesitation}. */
    private static String dotted(String pointer) {
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
