/*
 * An exporter whose buffers are created cached or uncached: only the uncached ones get a
 * write-combined protection, the others are remapped with the cacheable protection the core
 * handed over. The caching is decided per buffer, not for the exporter as a whole.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct brcache_buffer {
	int uncached;
	unsigned long pfn;
};

static int brcache_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct brcache_buffer *b = buf->priv;

	if (b->uncached)
		vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return remap_pfn_range(vma, vma->vm_start, b->pfn + vma->vm_pgoff, vma->vm_end - vma->vm_start,
			       vma->vm_page_prot);
}

static const struct dma_buf_ops brcache_ops = { /* exporter: mmap=brcache_mmap begin=- end=- */
	.mmap = brcache_mmap,
};

/* The same choice made in a local that the mapping call is given. */
static int brlocal_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct brcache_buffer *b = buf->priv;
	pgprot_t prot = vma->vm_page_prot;

	if (b->uncached)
		prot = pgprot_writecombine(prot);
	return remap_pfn_range(vma, vma->vm_start, b->pfn + vma->vm_pgoff, vma->vm_end - vma->vm_start, prot);
}

static const struct dma_buf_ops brlocal_ops = { /* exporter: mmap=brlocal_mmap begin=- end=- */
	.mmap = brlocal_mmap,
};
