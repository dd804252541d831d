/*
 * A helper installs its default vm_ops only when the caller stored none: the object's table
 * gives no vm_ops, so the NULL the caller stored lets the default vm_ops, with their fault
 * handler, onto the dma-buf mapping, as does an exporter that stores nothing first.
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

static int core_bo_mmap(struct vm_area_struct *vma, struct core_bo *bo)
{
	if (!vma->vm_ops)
		vma->vm_ops = &core_default_vm_ops; /* expect: dmabuf/fault-interception "core_default_vm_ops" */
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

/* Another exporter runs a helper of its own on a vma it stored nothing in. */

static int core_bare_bo_mmap(struct vm_area_struct *vma, struct core_bo *bo)
{
	if (!vma->vm_ops)
		vma->vm_ops = &core_default_vm_ops; /* expect: dmabuf/fault-interception "core_default_vm_ops" */
	vma->vm_private_data = bo;
	vm_flags_set(vma, VM_DONTEXPAND);
	return 0;
}

static int core_bare_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	return core_bare_bo_mmap(vma, buf->priv);
}

static const struct dma_buf_ops core_bare_ops = {
	.mmap = core_bare_mmap,
};
