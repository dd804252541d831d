/*
 * The protection the mapping call is given sits in a local, write-combined only for buffers made
 * uncached: the others are mapped with the vma's cacheable protection.
 */
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
	bool uncached;
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
	unsigned long len = vma->vm_end - vma->vm_start;
	pgprot_t prot = vma->vm_page_prot;

	if (b->uncached)
		prot = pgprot_writecombine(prot);
	return remap_pfn_range(vma, vma->vm_start, b->pfn + vma->vm_pgoff, len, prot);
}

static const struct dma_buf_ops core_ops = { /* expect[current]: dmabuf/noncoherent-mapping warning "DMA_BUF_IOCTL_SYNC cannot make it coherent: no .begin_cpu_access" */ /* expect[2012]: dmabuf/noncoherent-mapping error "the 2012 contract wants coherent mappings" */
	.map_dma_buf = core_map,
	.mmap = core_mmap,
};
