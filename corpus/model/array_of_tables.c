/* Two flavours of exporter in one array: each element is an exporter of its own. */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>

struct form_buffer {
	struct device *dev;
	void *vaddr;
	dma_addr_t dma;
	size_t size;
};

static int form_mmap_wc(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct form_buffer *b = buf->priv;

	return dma_mmap_wc(b->dev, vma, b->vaddr, b->dma, b->size);
}

static int form_mmap_coherent(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct form_buffer *b = buf->priv;

	return dma_mmap_coherent(b->dev, vma, b->vaddr, b->dma, b->size);
}

static const struct dma_buf_ops form_flavours[] = {
	{ /* exporter: mmap=form_mmap_wc begin=- end=- */
		.mmap = form_mmap_wc,
	},
	{ /* exporter: mmap=form_mmap_coherent begin=- end=- */
		.mmap = &form_mmap_coherent,
	},
};
