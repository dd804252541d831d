package org.mmapcheck.analyzer.frontend;

import org.eclipse.cdt.core.index.IIndexFileLocation;
import org.eclipse.cdt.internal.core.parser.IMacroDictionary;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContent;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContentProvider;

/**
 * Resolves no {@code #include} at all. CDT's stock empty-files provider still reads quoted
 * includes from disk, which would make a parse depend on the neighbours of a file.
 */
final class NoIncludes extends InternalFileContentProvider {

  @Override
  public boolean getInclusionExists(String path) {
    return false;
  }

  @Override
  public InternalFileContent getContentForInclusion(String filePath, IMacroDictionary macros) {
    return null;
  }

  @Override
  public InternalFileContent getContentForInclusion(IIndexFileLocation location, String astPath) {
    return null;
  }
}
