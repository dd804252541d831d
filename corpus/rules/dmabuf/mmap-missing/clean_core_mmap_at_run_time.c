/* A device copies a base table at run time and sets .mmap itself: not an exporter without mmap. */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct core_device {
	struct dma_buf_ops ops;
	unsigned long pfn;
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_device *dev = buf->priv;

	return remap_pfn_range(vma, vma->vm_start, dev->pfn + vma->vm_pgoff,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

void core_device_init(struct core_device *dev, const struct dma_buf_ops *base)
{
	dev->ops = *base;
	dev->ops.mmap = core_mmap;
}
