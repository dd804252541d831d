package org.mmapcheck.analyzer.model;

import java.util.Map;

/** A struct or union definition: the type of each field. */
public record StructDef(String name, Map<String, TypeRef> fields, Location location) {}
