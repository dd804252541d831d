/* Stub for corpus fixtures: the DMA API calls exporters make. */
#ifndef _CORPUS_LINUX_DMA_MAPPING_H
#define _CORPUS_LINUX_DMA_MAPPING_H

#include <linux/types.h>
#include <linux/mm.h>
#include <linux/dma-direction.h>

int dma_map_sgtable(struct device *dev, struct sg_table *sgt, enum dma_data_direction dir,
		    unsigned long attrs);
void dma_unmap_sgtable(struct device *dev, struct sg_table *sgt, enum dma_data_direction dir,
		       unsigned long attrs);
void dma_sync_sgtable_for_cpu(struct device *dev, struct sg_table *sgt, enum dma_data_direction dir);
void dma_sync_sgtable_for_device(struct device *dev, struct sg_table *sgt,
				 enum dma_data_direction dir);
int dma_mmap_coherent(struct device *dev, struct vm_area_struct *vma, void *cpu_addr,
		      dma_addr_t dma_addr, size_t size);
int dma_mmap_wc(struct device *dev, struct vm_area_struct *vma, void *cpu_addr,
		dma_addr_t dma_addr, size_t size);
/* The 3.x/4.x spelling of dma_mmap_wc(). */
int dma_mmap_writecombine(struct device *dev, struct vm_area_struct *vma, void *cpu_addr,
			  dma_addr_t dma_addr, size_t size);
int dma_mmap_attrs(struct device *dev, struct vm_area_struct *vma, void *cpu_addr,
		   dma_addr_t dma_addr, size_t size, unsigned long attrs);
/* For memory from dma_alloc_pages() and dma_alloc_noncontiguous(): mapped cacheable. */
int dma_mmap_pages(struct device *dev, struct vm_area_struct *vma, size_t size, struct page *page);
int dma_mmap_noncontiguous(struct device *dev, struct vm_area_struct *vma, size_t size,
			   struct sg_table *sgt);
struct sg_table *dma_alloc_noncontiguous(struct device *dev, size_t size, enum dma_data_direction dir,
					 unsigned int gfp, unsigned long attrs);

#define DMA_ATTR_WRITE_COMBINE (1UL << 2)
/* Up to 5.9: dma_alloc_attrs() memory that is not coherent. */
#define DMA_ATTR_NON_CONSISTENT (1UL << 3)

#endif
