package org.mmapcheck.analyzer.engine;

/** Which version of the dma-buf mmap contract a scan holds exporters to. */
public enum Profile {
  /** Today's kernel documentation: mmap optional, incoherent mappings bracketed by DMA_BUF_IOCTL_SYNC. */
  CURRENT("current"),
  /** The contract as dma-buf mmap was added in 2012: mmap mandatory, mappings coherent. */
  ORIGINAL_2012("2012");

  private final String label;

  Profile(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Profile fromLabel(String label) {
    for (Profile p : values()) if (p.label.equals(label)) return p;
    throw new IllegalArgumentException("unknown profile '" + label + "' (expected current or 2012)");
  }
}
