/* Only a mapping of the whole buffer is allowed, so the offset can only be 0: faults may count from vm_start, and so may the remap. */
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

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct core_buffer *b = vma->vm_private_data;
	pgoff_t page = (vmf->address - vma->vm_start) >> PAGE_SHIFT;

	if (page >= b->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vma, vmf->address, b->pages[page]);
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int core_map_whole(struct core_buffer *b, struct vm_area_struct *vma)
{
	unsigned long len = vma->vm_end - vma->vm_start;

	if (len != b->size)
		return -EINVAL;
	vm_flags_set(vma, VM_DONTEXPAND);
	if (b->pages) {
		vma->vm_private_data = b;
		vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
		return 0;
	}
	return remap_pfn_range(vma, vma->vm_start, b->pfn, len, vma->vm_page_prot);
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	return core_map_whole(buf->priv, vma);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
