/* A 4.x-era exporter: vm_insert_pfn() page by page, counting from the first pfn of the buffer. */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct core_buffer {
	unsigned long pfn;
	unsigned long count;
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;
	unsigned long addr = vma->vm_start;
	unsigned long i;
	int ret;

	vma->vm_flags |= VM_PFNMAP | VM_DONTEXPAND;
	for (i = 0; i < b->count && addr < vma->vm_end; i++) {
		ret = vm_insert_pfn(vma, addr, b->pfn + i); /* expect: dmabuf/pgoff-ignored warning "vm_insert_pfn()" */
		if (ret)
			return ret;
		addr += PAGE_SIZE;
	}
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
