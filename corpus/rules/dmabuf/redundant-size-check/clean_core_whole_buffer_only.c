/*
 * The exporter maps whole buffers only: a vma of any other size is refused, a smaller one too,
 * which the core allows. That is no repeat of the core's check.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/dma-resv.h>
#include <linux/mm.h>

struct core_buffer {
	struct device *dev;
	struct sg_table sgt;
	struct dma_resv *resv;
	struct file *filp;
	void *mapping;
	struct page **pages;
	unsigned long count;
	unsigned long pfn;
	size_t size;
	void *vaddr;
	dma_addr_t dma;
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;

	if (vma->vm_end - vma->vm_start != b->size)
		return -EINVAL;
	return dma_mmap_coherent(b->dev, vma, b->vaddr, b->dma, b->size);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
