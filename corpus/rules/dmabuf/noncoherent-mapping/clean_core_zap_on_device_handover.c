/*
 * Cached buffers faked coherent by zapping: map_dma_buf hands the pages to the device
 * (dma_map_page) and zaps the user ptes of the exporter's own file, and the next CPU fault
 * takes the page back (dma_unmap_page) before it maps it again. The cacheable mapping is
 * never used while the device owns a page, so the cpu-access hooks need not maintain caches.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct core_buffer {
	struct sg_table sgt;
	struct file *file;
	struct device *dev;
	struct page **pages;
	dma_addr_t *addrs;
	unsigned long npages;
};

static void core_give_to_device(struct core_buffer *b)
{
	unsigned long i;

	for (i = 0; i < b->npages; i++)
		b->addrs[i] = dma_map_page(b->dev, b->pages[i], 0, PAGE_SIZE, DMA_BIDIRECTIONAL);
	unmap_mapping_range(b->file->f_mapping, 0, b->npages << PAGE_SHIFT, 1);
}

static struct sg_table *core_map(struct dma_buf_attachment *attach, enum dma_data_direction dir)
{
	struct core_buffer *b = attach->dmabuf->priv;

	core_give_to_device(b);
	return &b->sgt;
}

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	if (b->addrs[vmf->pgoff]) {
		dma_unmap_page(b->dev, b->addrs[vmf->pgoff], PAGE_SIZE, DMA_BIDIRECTIONAL);
		b->addrs[vmf->pgoff] = 0;
	}
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;

	vma_set_file(vma, b->file);
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	vma->vm_private_data = b;
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.map_dma_buf = core_map,
	.mmap = core_mmap,
};
