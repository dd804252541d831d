/* The offset is saved, set to 0 for a DMA API call that honours it, then restored: the call maps from page 0. */
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
	unsigned long saved = vma->vm_pgoff;
	int ret;

	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_pgoff = 0;
	ret = dma_mmap_wc(b->dev, vma, b->vaddr, b->dma, b->size); /* expect: dmabuf/pgoff-ignored warning "sets vma->vm_pgoff to 0" */
	vma->vm_pgoff = saved;
	return ret;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
