/* datadir.h - where the installed data lives (share/bulletin/).
 *
 * The program carries its templates, tables and font configuration compiled
 * in; the data directory holds the installed copies of them and fonts/, the
 * directory of an office's own faces. It is found from the program's own
 * location, never from the source tree it was built in:
 *   1. EXE_DIR/../share/bulletin   (installed: PREFIX/bin/bulletin)
 *   2. EXE_DIR/share/bulletin      (the build tree, or a copied bundle)
 *   3. BL_INSTALL_DATADIR          (the configured install prefix)
 * the first that is a directory.
 *
 * Ownership: the returned string is static, owned by this file; NULL when
 * none exists.
 */
#ifndef BL_DATADIR_H
#define BL_DATADIR_H

const char *bl_data_dir(void);

#endif
