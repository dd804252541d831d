/*
 * vm_ops come from the GEM object's funcs table, reached through a pointer, a cast and a call;
 * another ops type with a vm_ops field, whose fault handler also waits, is never installed.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

struct core_bo {
	struct drm_gem_object base;
	struct completion *idle;
};

static vm_fault_t core_gem_fault(struct vm_fault *vmf)
{
	struct core_bo *bo = vmf->vma->vm_private_data;

	wait_for_completion(bo->idle); /* expect: dmabuf/fault-sync error */
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct core_gem_vm_ops = {
	.fault = core_gem_fault,
};

static const struct drm_gem_object_funcs core_gem_funcs = {
	.vm_ops = &core_gem_vm_ops,
};

struct core_other_funcs {
	const struct vm_operations_struct *vm_ops;
};

static vm_fault_t core_other_fault(struct vm_fault *vmf)
{
	struct core_bo *bo = vmf->vma->vm_private_data;

	wait_for_completion(bo->idle);
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct core_other_vm_ops = {
	.fault = core_other_fault,
};

static const struct core_other_funcs core_other = {
	.vm_ops = &core_other_vm_ops,
};

static struct drm_gem_object *core_obj(struct dma_buf *buf)
{
	return buf->priv;
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = buf->priv;
	struct drm_gem_object **slot = &obj;

	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = obj;
	if (vma->vm_pgoff)
		vma->vm_ops = (*slot)->funcs->vm_ops; /* expect: dmabuf/fault-interception */
	else if (vma->vm_start)
		vma->vm_ops = ((struct drm_gem_object *)buf->priv)->funcs->vm_ops; /* expect: dmabuf/fault-interception */
	else
		vma->vm_ops = core_obj(buf)->funcs->vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
