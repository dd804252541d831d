package org.mmapcheck.analyzer.model;

import java.util.List;
import java.util.Map;

/** What one parsed file contributes to the program model. */
public record FileModel(
    String path,
    List<FunctionDef> functions,
    List<StructDef> structs,
    Map<String, TypeRef> typedefs,
    List<Variable> globals,
    List<Initializer> objects,
    int problems) {}
