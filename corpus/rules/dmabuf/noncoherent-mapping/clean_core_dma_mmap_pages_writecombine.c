/* Non-coherent pages, but the mmap makes the user mapping write-combined before dma_mmap_pages(). */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct core_buffer {
	struct device *dev;
	struct page *page;
	struct sg_table sgt;
	size_t size;
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

	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return dma_mmap_pages(b->dev, vma, b->size, b->page);
}

static const struct dma_buf_ops core_ops = {
	.map_dma_buf = core_map,
	.mmap = core_mmap,
};
