/* A static handler shadows a global function of the same name in another file. */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>

struct form_buffer {
	struct device *dev;
	void *vaddr;
	dma_addr_t dma;
	size_t size;
};

static int form_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct form_buffer *b = buf->priv;

	return dma_mmap_coherent(b->dev, vma, b->vaddr, b->dma, b->size);
}

static const struct dma_buf_ops form_a_ops = { /* exporter: mmap=form_mmap begin=- end=- */
	.mmap = form_mmap,
};
