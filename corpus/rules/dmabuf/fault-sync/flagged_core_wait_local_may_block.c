/*
 * A fault handler whose no-wait flag, held in a local, is cleared for a write fault: then
 * ttm_bo_wait() blocks until the device is done with the buffer.
 */
#include <linux/dma-buf.h>
#include <linux/dma-resv.h>
#include <linux/mm.h>

struct core_bo;
int ttm_bo_wait(struct core_bo *bo, bool interruptible, bool no_wait);

struct core_buffer {
	struct dma_resv *resv;
	struct core_bo *bo;
	struct page **pages;
	unsigned long count;
};

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;
	bool no_wait = true;

	if (vmf->pgoff >= b->count)
		return VM_FAULT_SIGBUS;
	if (vmf->flags & FAULT_FLAG_WRITE)
		no_wait = false;
	if (ttm_bo_wait(b->bo, false, no_wait)) /* expect: dmabuf/fault-sync error */
		return VM_FAULT_NOPAGE;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
