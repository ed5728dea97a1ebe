/* Where the bundled data files (catalogs, basemaps) are found. */
#ifndef COMMON_DATA_H
#define COMMON_DATA_H

#include <stddef.h>

/* Write the path of data file "rel" (e.g. "estimator/racks.cfg") to buf:
 * under $DCIMPACT_DATA when set; else beside the running binary (or its
 * parent folder, for build/dcimpact) when the file is there; else under the
 * installed share directory. Returns buf. */
const char	*data_path(const char *rel, char *buf, size_t n);

#endif
