/* The callback asserts a lock that dma-buf does not hold when it calls .mmap. */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/dma-resv.h>
#include <linux/mm.h>

struct core_buffer {
	struct device *dev;
	size_t size;
	void *vaddr;
	dma_addr_t dma;
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;

	dma_resv_assert_held(buf->resv); /* expect: dmabuf/mmap-assumes-resv-lock warning */
	return dma_mmap_coherent(b->dev, vma, b->vaddr, b->dma, b->size);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
