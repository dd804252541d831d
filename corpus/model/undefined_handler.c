/* The handler is named but defined nowhere the scan can see (a macro, or another tree). */
#include <linux/dma-buf.h>

int form_elsewhere_mmap(struct dma_buf *buf, struct vm_area_struct *vma);

static const struct dma_buf_ops form_ops = { /* exporter: mmap=form_elsewhere_mmap? begin=- end=- */
	.mmap = form_elsewhere_mmap,
};
