/*
 * A GEM object's mmap installs the vm_ops of its own funcs table, and the dma-buf mmap calls it
 * directly. Only the tables that hold that mmap can be the object's: other objects' vm_ops,
 * whose fault handler inserts pages, are not installed here.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

struct core_bo {
	struct drm_gem_object base;
	struct kref ref;
	struct page **pages;
	unsigned long count;
};

static void core_vm_open(struct vm_area_struct *vma)
{
	struct core_bo *bo = vma->vm_private_data;

	kref_get(&bo->ref);
}

static void core_vm_close(struct vm_area_struct *vma)
{
}

static const struct vm_operations_struct core_vm_ops = {
	.open = core_vm_open,
	.close = core_vm_close,
};

static int core_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	struct core_bo *bo = container_of(obj, struct core_bo, base);

	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = bo;
	vma->vm_ops = obj->funcs->vm_ops;
	return vm_map_pages(vma, bo->pages, bo->count);
}

static const struct drm_gem_object_funcs core_gem_funcs = {
	.mmap = core_gem_mmap,
	.vm_ops = &core_vm_ops,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	return core_gem_mmap(buf->priv, vma);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};

/* Objects of another kind, never exported through core_ops, with pages inserted at fault time. */
static vm_fault_t other_fault(struct vm_fault *vmf)
{
	struct core_bo *bo = vmf->vma->vm_private_data;

	if (vmf->pgoff >= bo->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, bo->pages[vmf->pgoff]);
}

static const struct vm_operations_struct other_vm_ops = {
	.fault = other_fault,
};

static const struct drm_gem_object_funcs other_gem_funcs = {
	.vm_ops = &other_vm_ops,
};
