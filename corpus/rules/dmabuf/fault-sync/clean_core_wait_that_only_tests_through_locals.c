/*
 * A fault handler that asks whether the device is done, without waiting: the zero timeout and the
 * no-wait flag are held in locals first, and the wait calls are tests that return at once.
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
	long timeout = 0;
	bool no_wait;

	if (vmf->pgoff >= b->count)
		return VM_FAULT_SIGBUS;
	if (dma_resv_wait_timeout(b->resv, DMA_RESV_USAGE_KERNEL, false, timeout) <= 0)
		return VM_FAULT_NOPAGE;
	no_wait = true;
	if (ttm_bo_wait(b->bo, false, no_wait))
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
