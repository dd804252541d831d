/* The offset is set to 0 for a setup step and restored before the DMA API maps with it. */
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

void core_prepare(struct core_buffer *b, struct vm_area_struct *vma);

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;
	unsigned long saved = vma->vm_pgoff;

	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_pgoff = 0;
	core_prepare(b, vma);
	vma->vm_pgoff = saved;
	return dma_mmap_wc(b->dev, vma, b->vaddr, b->dma, b->size);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
