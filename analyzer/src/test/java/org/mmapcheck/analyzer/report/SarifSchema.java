package org.mmapcheck.analyzer.report;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The official SARIF 2.1.0 schema, for the tests of every module that writes SARIF. */
public final class SarifSchema {

  private SarifSchema() {}

  /** What the schema finds wrong with {@code sarif}: empty when it is valid. */
  public static List<String> errors(byte[] sarif) throws IOException {
    Schema schema;
    try (InputStream in = SarifReport.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
    return schema.validate(new String(sarif, StandardCharsets.UTF_8), InputFormat.JSON).stream().map(Object::toString).toList();
  }
}
