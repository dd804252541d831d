/* An mmap callback that fails only on bad input and otherwise maps coherent DMA memory. */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>

struct core_buffer {
	struct device *dev;
	void *vaddr;
	dma_addr_t dma;
	size_t size;
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;

	if (!b->vaddr)
		return -ENODEV;
	return dma_mmap_coherent(b->dev, vma, b->vaddr, b->dma, b->size);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
