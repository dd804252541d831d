/*
 * A helper installs its default vm_ops only when the caller stored none: the object's table
 * gives its own (without fault callbacks) before the helper runs, so the default vm_ops, whose
 * fault handler inserts pages, never reach a dma-buf mapping; nor when an exporter stores its
 * own table by name.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

struct core_bo {
	struct drm_gem_object base;
	struct page **pages;
	unsigned long count;
};

static vm_fault_t core_default_fault(struct vm_fault *vmf)
{
	struct core_bo *bo = vmf->vma->vm_private_data;

	if (vmf->pgoff >= bo->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, bo->pages[vmf->pgoff]);
}

static const struct vm_operations_struct core_default_vm_ops = {
	.fault = core_default_fault,
};

static void core_vm_close(struct vm_area_struct *vma)
{
}

static const struct vm_operations_struct core_own_vm_ops = {
	.close = core_vm_close,
};

static int core_bo_mmap(struct vm_area_struct *vma, struct core_bo *bo)
{
	if (!vma->vm_ops)
		vma->vm_ops = &core_default_vm_ops;
	vma->vm_private_data = bo;
	vm_flags_set(vma, VM_DONTEXPAND);
	return 0;
}

static int core_obj_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	return core_bo_mmap(vma, (struct core_bo *)obj);
}

static const struct drm_gem_object_funcs core_funcs = {
	.mmap = core_obj_mmap,
	.vm_ops = &core_own_vm_ops,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = buf->priv;

	vma->vm_ops = obj->funcs->vm_ops;
	return obj->funcs->mmap(obj, vma);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};

/* Another exporter stores its own table by name before the helper runs. */

static int core_named_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vma->vm_ops = &core_own_vm_ops;
	return core_bo_mmap(vma, buf->priv);
}

static const struct dma_buf_ops core_named_ops = {
	.mmap = core_named_mmap,
};
