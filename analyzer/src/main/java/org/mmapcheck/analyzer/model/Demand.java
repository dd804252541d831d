package org.mmapcheck.analyzer.model;

/**
 * Something the model lacks to follow what the scan reads (see {@link ProgramModel#missing}), and,
 * but for {@link Tables} and {@link Driver}, something a file's text is seen to define (see the
 * text pass's definitions index): the loader matches one against the other.
 */
public sealed interface Demand {

  /** A function, or a variable defined at file scope, of that name. */
  record Named(String name) implements Demand {}

  /** The definition of {@code struct name}, which types an ops field. */
  record Struct(String name) implements Demand {}

  /**
   * The objects of a struct type defined with an initializer: a wrapper that embeds a dma_buf_ops,
   * or every table of an object type with an export callback.
   */
  record Objects(String type) implements Demand {}

  /**
   * The files of an exporter's driver, a directory, that hold a word of what rules read there (see
   * {@code Rule.readsInDriver}); found by the text pass's trigger words, as {@link Tables}' are.
   */
  record Driver(String directory) implements Demand {}

  /**
   * The functions that call through a callback field ({@code obj->funcs->export(...)}), found by
   * the text pass's trigger {@link #word()}: a dispatcher tells what objects whose table leaves the
   * field unset get instead.
   */
  record Dispatchers(Callbacks callback) implements Demand {

    /** The text of a call through the field, as kernel style writes it. */
    public String word() {
      return "->" + callback.field() + "(";
    }
  }

  /** Every table of {@code type} that sets {@code field}, when that field is read, called or installed. */
  record Tables(String type, String field) implements Demand {

    /**
     * The one ops type whose tables are not loaded, nor their functions, for a call through its
     * field: a file's operations are those of the device it was opened on, every character driver
     * has a table, and the type cannot tell which.
     */
    public static final String BY_DEVICE = "file_operations";

    /** Whether a type's tables are followed for a call through their field: all but {@link #BY_DEVICE}'s. */
    public static boolean followed(String type) {
      return !type.equals(BY_DEVICE);
    }
  }
}
