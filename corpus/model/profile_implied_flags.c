/*
 * A heap that remaps its pages itself: remap_pfn_range() sets VM_DONTEXPAND on the vma, so the
 * exporter need not. The offset picks the first page.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct implied_buffer {
	struct page **pages;
	unsigned long npages;
};

static int implied_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct implied_buffer *b = buf->priv;
	unsigned long addr = vma->vm_start;
	unsigned long i;
	int err;

	for (i = vma->vm_pgoff; i < b->npages && addr < vma->vm_end; i++) {
		err = remap_pfn_range(vma, addr, page_to_pfn(b->pages[i]), 4096, vma->vm_page_prot);
		if (err)
			return err;
		addr += 4096;
	}
	return 0;
}

static const struct dma_buf_ops implied_ops = { /* exporter: mmap=implied_mmap begin=- end=- */
	.mmap = implied_mmap,
};
