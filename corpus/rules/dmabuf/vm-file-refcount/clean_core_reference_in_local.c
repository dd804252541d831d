/* The new file's reference is taken into a local, stored from there, and the old file dropped after. */
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
	struct file *old = vma->vm_file;
	struct file *file = get_file(b->filp);

	vma->vm_file = file;
	fput(old);
	return vm_map_pages(vma, b->pages, b->count);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
