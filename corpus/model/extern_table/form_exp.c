/* A non-static, non-const table whose mmap handler is defined in another file. */
#include <linux/dma-buf.h>
#include "form_exp.h"

struct dma_buf_ops form_shared_ops = { /* exporter: mmap=form_shared_mmap begin=- end=- */
	.mmap = form_shared_mmap,
};
