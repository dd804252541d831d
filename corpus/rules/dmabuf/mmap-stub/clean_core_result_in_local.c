/* An mmap callback whose result starts as an error and becomes the mapping's when there are pages. */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct core_buffer {
	struct page **pages;
	unsigned long count;
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;
	int ret = -ENODEV;

	if (b->pages)
		ret = vm_map_pages(vma, b->pages, b->count);
	return ret;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
