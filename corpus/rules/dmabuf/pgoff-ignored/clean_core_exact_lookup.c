/* mmap finds the buffer by the exact offset of its start, so any other offset fails and faults may count from vm_start. */
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

struct core_buffer *core_lookup_exact(struct core_buffer *table, unsigned long start, unsigned long pages);

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

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b;

	b = core_lookup_exact(buf->priv, vma->vm_pgoff, (vma->vm_end - vma->vm_start) >> PAGE_SHIFT);
	if (!b)
		return -EINVAL;
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = b;
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
