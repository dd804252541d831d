/* The hooks sync the wrong way round: begin hands the memory to the device, end to the CPU. */
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

	return remap_pfn_range(vma, vma->vm_start, b->pfn + vma->vm_pgoff, len, vma->vm_page_prot);
}

static int core_begin(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct core_buffer *b = buf->priv;

	dma_sync_sgtable_for_device(b->dev, &b->sgt, dir);
	return 0;
}

static int core_end(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct core_buffer *b = buf->priv;

	dma_sync_sgtable_for_cpu(b->dev, &b->sgt, dir);
	return 0;
}

static const struct dma_buf_ops core_ops = { /* expect[current]: dmabuf/noncoherent-mapping warning ".begin_cpu_access core_begin() syncs for the device where it must sync for the CPU, .end_cpu_access core_end() syncs for the CPU where it must sync for the device" */ /* expect[2012]: dmabuf/noncoherent-mapping error "the 2012 contract wants coherent mappings" */
	.map_dma_buf = core_map,
	.mmap = core_mmap,
	.begin_cpu_access = core_begin,
	.end_cpu_access = core_end,
};
