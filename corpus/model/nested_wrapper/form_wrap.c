/* The exporter is the nested .ops member of a wrapper object. */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include "form_wrap.h"

struct form_buffer {
	struct device *dev;
	void *vaddr;
	dma_addr_t dma;
	size_t size;
};

static int form_wrap_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct form_buffer *b = buf->priv;

	return dma_mmap_coherent(b->dev, vma, b->vaddr, b->dma, b->size);
}

static int form_wrap_attach(struct dma_buf *buf, struct device *dev)
{
	return 0;
}

static const struct form_wrapped_ops form_wrapped = {
	.ops = { /* exporter: mmap=form_wrap_mmap begin=- end=- */
		.mmap = form_wrap_mmap,
	},
	.device_attach = form_wrap_attach,
};
