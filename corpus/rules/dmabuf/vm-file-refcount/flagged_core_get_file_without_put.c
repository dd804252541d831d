/* The new file gets its reference in its own statement, but the old one is never dropped. */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/dma-resv.h>
#include <linux/mm.h>

struct core_buffer {
	struct device *dev;
	struct sg_table sgt;
	struct dma_resv *resv;
	struct file *filp;
	struct file *shadow;
	struct page **pages;
	unsigned long count;
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;

	get_file(b->filp);
	vma->vm_file = b->filp; /* expect: dmabuf/vm-file-refcount error */
	return vm_map_pages(vma, b->pages, b->count);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
