/* The exporter moves vm_pgoff by an offset of its own, not by the DRM fake offset. */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct core_buffer {
	unsigned long first_page;
	unsigned long pfn;
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;

	vma->vm_pgoff -= b->first_page;
	return remap_pfn_range(vma, vma->vm_start, b->pfn + vma->vm_pgoff, vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
