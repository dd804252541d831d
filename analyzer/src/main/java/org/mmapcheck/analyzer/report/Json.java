package org.mmapcheck.analyzer.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The JSON mappers reports share: stable key order, indented, never closing the stream. */
final class Json {

  /** For SARIF: empty members are left out, as the SDK's defaults are empty collections. */
  static final ObjectMapper SARIF = mapper(JsonInclude.Include.NON_EMPTY);

  /** For mmapcheck's own JSON, where a null says "none" and is kept. */
  static final ObjectMapper PLAIN = mapper(JsonInclude.Include.ALWAYS);

  private Json() {}

  private static ObjectMapper mapper(JsonInclude.Include inclusion) {
    return new ObjectMapper()
        .setSerializationInclusion(inclusion)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }
}
