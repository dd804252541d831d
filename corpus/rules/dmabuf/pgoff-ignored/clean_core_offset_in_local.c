/* The offset is read into a local first, and the remap starts there. */
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
	unsigned long len = vma->vm_end - vma->vm_start;
	pgoff_t pgoff = vma->vm_pgoff;

	return remap_pfn_range(vma, vma->vm_start, b->pfn + pgoff, len, vma->vm_page_prot);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
