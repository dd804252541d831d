/*
 * Buffers created uncached are mapped write-combined; the others keep the cacheable protection
 * the core handed over, while devices reach every buffer by streaming DMA and no cpu-access hook
 * maintains the caches. The cached branch is the problem.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct core_buffer {
	struct sg_table sgt;
	int uncached;
	unsigned long pfn;
};

static struct sg_table *core_map(struct dma_buf_attachment *attach, enum dma_data_direction dir)
{
	struct core_buffer *b = attach->dmabuf->priv;

	if (dma_map_sgtable(attach->dev, &b->sgt, dir, 0))
		return ERR_PTR(-ENOMEM);
	return &b->sgt;
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;

	if (b->uncached)
		vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return remap_pfn_range(vma, vma->vm_start, b->pfn + vma->vm_pgoff, vma->vm_end - vma->vm_start,
			       vma->vm_page_prot);
}

static const struct dma_buf_ops core_ops = { /* expect[current]: dmabuf/noncoherent-mapping warning "no .begin_cpu_access" */ /* expect[2012]: dmabuf/noncoherent-mapping error */
	.map_dma_buf = core_map,
	.mmap = core_mmap,
};
