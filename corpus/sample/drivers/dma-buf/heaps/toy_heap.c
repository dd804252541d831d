// SPDX-License-Identifier: GPL-2.0
/*
 * Toy page heap: pages mapped up front with remap_pfn_range() at the asked offset, streaming DMA
 * for devices, and cache maintenance in begin/end_cpu_access. Clean under the current contract.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct toy_heap_buffer {
	struct device *dev;
	struct sg_table sgt;
	struct page **pages;
	unsigned long pagecount;
};

static struct sg_table *toy_heap_map(struct dma_buf_attachment *attach,
				     enum dma_data_direction dir)
{
	struct toy_heap_buffer *buf = attach->dmabuf->priv;

	if (dma_map_sgtable(attach->dev, &buf->sgt, dir, 0))
		return ERR_PTR(-ENOMEM);
	return &buf->sgt;
}

static void toy_heap_unmap(struct dma_buf_attachment *attach, struct sg_table *sgt,
			   enum dma_data_direction dir)
{
	dma_unmap_sgtable(attach->dev, sgt, dir, 0);
}

static int toy_heap_mmap(struct dma_buf *dmabuf, struct vm_area_struct *vma)
{
	struct toy_heap_buffer *buf = dmabuf->priv;
	unsigned long addr = vma->vm_start;
	unsigned long i;
	int ret;

	for (i = vma->vm_pgoff; i < buf->pagecount && addr < vma->vm_end; i++) {
		ret = remap_pfn_range(vma, addr, page_to_pfn(buf->pages[i]), PAGE_SIZE,
				      vma->vm_page_prot);
		if (ret)
			return ret;
		addr += PAGE_SIZE;
	}
	return 0;
}

static int toy_heap_begin_cpu_access(struct dma_buf *dmabuf, enum dma_data_direction dir)
{
	struct toy_heap_buffer *buf = dmabuf->priv;

	dma_sync_sgtable_for_cpu(buf->dev, &buf->sgt, dir);
	return 0;
}

static int toy_heap_end_cpu_access(struct dma_buf *dmabuf, enum dma_data_direction dir)
{
	struct toy_heap_buffer *buf = dmabuf->priv;

	dma_sync_sgtable_for_device(buf->dev, &buf->sgt, dir);
	return 0;
}

static const struct dma_buf_ops toy_heap_buf_ops = { /* exporter: mmap=toy_heap_mmap begin=toy_heap_begin_cpu_access end=toy_heap_end_cpu_access */ /* expect[2012]: dmabuf/noncoherent-mapping error "the 2012 contract wants coherent mappings" */
	.map_dma_buf = toy_heap_map,
	.unmap_dma_buf = toy_heap_unmap,
	.mmap = toy_heap_mmap,
	.begin_cpu_access = toy_heap_begin_cpu_access,
	.end_cpu_access = toy_heap_end_cpu_access,
};
