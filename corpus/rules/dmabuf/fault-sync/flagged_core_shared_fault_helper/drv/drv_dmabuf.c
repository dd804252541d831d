/* A driver whose fault handler hands the fault to the shared helper. */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct helper_bo;

vm_fault_t helper_fault_idle(struct vm_fault *vmf, struct helper_bo *bo);

static vm_fault_t drv_fault(struct vm_fault *vmf)
{
	return helper_fault_idle(vmf, vmf->vma->vm_private_data);
}

static const struct vm_operations_struct drv_vm_ops = {
	.fault = drv_fault,
};

static int drv_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &drv_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops drv_ops = {
	.mmap = drv_mmap,
};
