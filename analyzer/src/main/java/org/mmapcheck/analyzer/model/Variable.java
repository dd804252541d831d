package org.mmapcheck.analyzer.model;

/** A declared variable, parameter or struct field. */
public record Variable(String name, TypeRef type, Location location) {}
