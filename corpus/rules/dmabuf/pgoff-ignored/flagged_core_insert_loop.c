/* Pages inserted one by one, counting from page 0. */
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
	unsigned long addr = vma->vm_start;
	unsigned long i;
	int ret;

	for (i = 0; i < b->count; i++) {
		ret = vm_insert_page(vma, addr, b->pages[i]); /* expect: dmabuf/pgoff-ignored warning */
		if (ret)
			return ret;
		addr += PAGE_SIZE;
	}
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
