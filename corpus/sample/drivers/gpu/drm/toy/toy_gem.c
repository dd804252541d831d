// SPDX-License-Identifier: GPL-2.0
/*
 * Toy GEM objects: mapped on demand, and the fault handler waits for the GPU to finish with the
 * buffer first. That wait is what the dma-buf contract forbids at fault time.
 */
#include <linux/dma-resv.h>
#include <linux/mm.h>
#include "toy_drv.h"

static vm_fault_t toy_gem_fault(struct vm_fault *vmf)
{
	struct toy_bo *bo = vmf->vma->vm_private_data;
	long ret;

	ret = dma_resv_wait_timeout(bo->resv, DMA_RESV_USAGE_WRITE, true, MAX_SCHEDULE_TIMEOUT); /* expect: dmabuf/fault-sync error */
	if (ret <= 0)
		return VM_FAULT_SIGBUS;
	if (vmf->pgoff >= bo->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, bo->pages[vmf->pgoff]);
}

static const struct vm_operations_struct toy_gem_vm_ops = {
	.fault = toy_gem_fault,
};

int toy_gem_mmap_obj(struct toy_bo *bo, struct vm_area_struct *vma)
{
	vma->vm_private_data = bo;
	vma->vm_ops = &toy_gem_vm_ops; /* expect[current]: dmabuf/fault-interception note */ /* expect[2012]: dmabuf/fault-interception warning */ /* expect: dmabuf/mmap-expandable warning */
	return 0;
}
