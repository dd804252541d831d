/*
 * As flagged_core_funcs_through_expressions.c, with the GEM object behind a typedef, in an array
 * and chosen by a conditional.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

typedef struct drm_gem_object core_gem_t;

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

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	core_gem_t *objs[2] = { buf->priv, buf->priv };
	core_gem_t *obj = buf->priv;

	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = obj;
	if (vma->vm_pgoff)
		vma->vm_ops = objs[1]->funcs->vm_ops; /* expect: dmabuf/fault-interception */
	else if (vma->vm_start)
		vma->vm_ops = (vma->vm_pgoff ? objs[0] : obj)->funcs->vm_ops; /* expect: dmabuf/fault-interception */
	else
		vma->vm_ops = obj->funcs->vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
